; blend(float64[:, :], float64[:, :], float64, float64[:, :])
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"


define void @blend_0(i8* %arg37, i64 %arg38, i64 %arg39, i64 %arg40, i64 %arg41, i8* %arg42, i64 %arg43, i64 %arg44, i64 %arg45, i64 %arg46, double %arg47, i8* %arg48, i64 %arg49, i64 %arg50, i64 %arg51, i64 %arg52, i64* %err) {
entry:
  %slot1 = alloca i8*
  %slot2 = alloca i64
  %slot3 = alloca i64
  %slot4 = alloca i64
  %slot5 = alloca i64
  %slot6 = alloca i8*
  %slot7 = alloca i64
  %slot8 = alloca i64
  %slot9 = alloca i64
  %slot10 = alloca i64
  %slot11 = alloca double
  %slot12 = alloca i8*
  %slot13 = alloca i64
  %slot14 = alloca i64
  %slot15 = alloca i64
  %slot16 = alloca i64
  %slot17 = alloca i8*
  %slot18 = alloca i64
  %slot19 = alloca i64
  %slot20 = alloca i64
  %slot21 = alloca i64
  %slot22 = alloca i8*
  %slot23 = alloca i64
  %slot24 = alloca i64
  %slot25 = alloca i64
  %slot26 = alloca i64
  %slot27 = alloca double
  %slot28 = alloca i8*
  %slot29 = alloca i64
  %slot30 = alloca i64
  %slot31 = alloca i64
  %slot32 = alloca i64
  %slot33 = alloca i64
  %slot34 = alloca i64
  %slot35 = alloca i64
  %slot36 = alloca i64
  %logic89 = alloca i1
  store i8* %arg37, i8** %slot1
  store i64 %arg38, i64* %slot2
  store i64 %arg39, i64* %slot3
  store i64 %arg40, i64* %slot4
  store i64 %arg41, i64* %slot5
  store i8* %arg42, i8** %slot6
  store i64 %arg43, i64* %slot7
  store i64 %arg44, i64* %slot8
  store i64 %arg45, i64* %slot9
  store i64 %arg46, i64* %slot10
  store double %arg47, double* %slot11
  store i8* %arg48, i8** %slot12
  store i64 %arg49, i64* %slot13
  store i64 %arg50, i64* %slot14
  store i64 %arg51, i64* %slot15
  store i64 %arg52, i64* %slot16
  br label %body
body:
  %v53 = load i8*, i8** %slot1
  %v54 = load i64, i64* %slot2
  %v55 = load i64, i64* %slot3
  %v56 = load i64, i64* %slot4
  %v57 = load i64, i64* %slot5
  store i8* %v53, i8** %slot17
  store i64 %v54, i64* %slot18
  store i64 %v55, i64* %slot19
  store i64 %v56, i64* %slot20
  store i64 %v57, i64* %slot21
  %v58 = load i8*, i8** %slot6
  %v59 = load i64, i64* %slot7
  %v60 = load i64, i64* %slot8
  %v61 = load i64, i64* %slot9
  %v62 = load i64, i64* %slot10
  store i8* %v58, i8** %slot22
  store i64 %v59, i64* %slot23
  store i64 %v60, i64* %slot24
  store i64 %v61, i64* %slot25
  store i64 %v62, i64* %slot26
  %v63 = load double, double* %slot11
  store double %v63, double* %slot27
  %v64 = load i8*, i8** %slot12
  %v65 = load i64, i64* %slot13
  %v66 = load i64, i64* %slot14
  %v67 = load i64, i64* %slot15
  %v68 = load i64, i64* %slot16
  store i8* %v64, i8** %slot28
  store i64 %v65, i64* %slot29
  store i64 %v66, i64* %slot30
  store i64 %v67, i64* %slot31
  store i64 %v68, i64* %slot32
  %sreg69 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %idx70 = zext i32 %sreg69 to i64
  %sreg71 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %idx72 = zext i32 %sreg71 to i64
  %mul73 = mul i64 %idx70, %idx72
  %sreg74 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %idx75 = zext i32 %sreg74 to i64
  %add76 = add i64 %mul73, %idx75
  %sreg77 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
  %idx78 = zext i32 %sreg77 to i64
  %sreg79 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.y()
  %idx80 = zext i32 %sreg79 to i64
  %mul81 = mul i64 %idx78, %idx80
  %sreg82 = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %idx83 = zext i32 %sreg82 to i64
  %add84 = add i64 %mul81, %idx83
  store i64 %add76, i64* %slot33
  store i64 %add84, i64* %slot34
  %v85 = load i64, i64* %slot33
  %v86 = load i64, i64* %slot34
  store i64 %v85, i64* %slot35
  %v87 = load i64, i64* %slot33
  %v88 = load i64, i64* %slot34
  store i64 %v88, i64* %slot36
  %v90 = load i64, i64* %slot35
  %v91 = load i8*, i8** %slot28
  %v92 = load i64, i64* %slot29
  %v93 = load i64, i64* %slot30
  %v94 = load i64, i64* %slot31
  %v95 = load i64, i64* %slot32
  %cmp96 = icmp slt i64 %v90, %v92
  store i1 %cmp96, i1* %logic89
  br i1 %cmp96, label %rhs97, label %logicend98
rhs97:
  %v99 = load i64, i64* %slot36
  %v100 = load i8*, i8** %slot28
  %v101 = load i64, i64* %slot29
  %v102 = load i64, i64* %slot30
  %v103 = load i64, i64* %slot31
  %v104 = load i64, i64* %slot32
  %cmp105 = icmp slt i64 %v99, %v102
  store i1 %cmp105, i1* %logic89
  br label %logicend98
logicend98:
  %logic106 = load i1, i1* %logic89
  br i1 %logic106, label %then107, label %else108
then107:
  %v110 = load i8*, i8** %slot28
  %v111 = load i64, i64* %slot29
  %v112 = load i64, i64* %slot30
  %v113 = load i64, i64* %slot31
  %v114 = load i64, i64* %slot32
  %v115 = load i64, i64* %slot35
  %v116 = load i64, i64* %slot36
  %v117 = load i8*, i8** %slot17
  %v118 = load i64, i64* %slot18
  %v119 = load i64, i64* %slot19
  %v120 = load i64, i64* %slot20
  %v121 = load i64, i64* %slot21
  %v122 = load i64, i64* %slot35
  %v123 = load i64, i64* %slot36
  %neg124 = icmp slt i64 %v122, 0
  %wrap125 = add i64 %v122, %v118
  %k126 = select i1 %neg124, i64 %wrap125, i64 %v122
  %oob127 = icmp uge i64 %k126, %v118
  br i1 %oob127, label %fail128, label %ok129, !prof !{!"branch_weights", i32 1, i32 2000}
fail128:
  %claim130 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won131 = extractvalue { i64, i1 } %claim130, 1
  br i1 %won131, label %record132, label %exit133
record132:
  %field134 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field134
  %field135 = getelementptr i64, i64* %err, i64 2
  store volatile i64 330, i64* %field135
  %field136 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v122, i64* %field136
  %field137 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field137
  %field138 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v118, i64* %field138
  br label %exit133
exit133:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok129:
  %term139 = mul i64 %k126, %v120
  %off140 = add i64 0, %term139
  %neg141 = icmp slt i64 %v123, 0
  %wrap142 = add i64 %v123, %v119
  %k143 = select i1 %neg141, i64 %wrap142, i64 %v123
  %oob144 = icmp uge i64 %k143, %v119
  br i1 %oob144, label %fail145, label %ok146, !prof !{!"branch_weights", i32 1, i32 2000}
fail145:
  %claim147 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won148 = extractvalue { i64, i1 } %claim147, 1
  br i1 %won148, label %record149, label %exit150
record149:
  %field151 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field151
  %field152 = getelementptr i64, i64* %err, i64 2
  store volatile i64 330, i64* %field152
  %field153 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v123, i64* %field153
  %field154 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field154
  %field155 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v119, i64* %field155
  br label %exit150
exit150:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok146:
  %term156 = mul i64 %k143, %v121
  %off157 = add i64 %off140, %term156
  %byte158 = getelementptr inbounds i8, i8* %v117, i64 %off157
  %elem159 = bitcast i8* %byte158 to double*
  %ld160 = load double, double* %elem159
  %v161 = load i8*, i8** %slot22
  %v162 = load i64, i64* %slot23
  %v163 = load i64, i64* %slot24
  %v164 = load i64, i64* %slot25
  %v165 = load i64, i64* %slot26
  %v166 = load i64, i64* %slot35
  %v167 = load i64, i64* %slot36
  %neg168 = icmp slt i64 %v166, 0
  %wrap169 = add i64 %v166, %v162
  %k170 = select i1 %neg168, i64 %wrap169, i64 %v166
  %oob171 = icmp uge i64 %k170, %v162
  br i1 %oob171, label %fail172, label %ok173, !prof !{!"branch_weights", i32 1, i32 2000}
fail172:
  %claim174 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won175 = extractvalue { i64, i1 } %claim174, 1
  br i1 %won175, label %record176, label %exit177
record176:
  %field178 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field178
  %field179 = getelementptr i64, i64* %err, i64 2
  store volatile i64 339, i64* %field179
  %field180 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v166, i64* %field180
  %field181 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field181
  %field182 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v162, i64* %field182
  br label %exit177
exit177:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok173:
  %term183 = mul i64 %k170, %v164
  %off184 = add i64 0, %term183
  %neg185 = icmp slt i64 %v167, 0
  %wrap186 = add i64 %v167, %v163
  %k187 = select i1 %neg185, i64 %wrap186, i64 %v167
  %oob188 = icmp uge i64 %k187, %v163
  br i1 %oob188, label %fail189, label %ok190, !prof !{!"branch_weights", i32 1, i32 2000}
fail189:
  %claim191 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won192 = extractvalue { i64, i1 } %claim191, 1
  br i1 %won192, label %record193, label %exit194
record193:
  %field195 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field195
  %field196 = getelementptr i64, i64* %err, i64 2
  store volatile i64 339, i64* %field196
  %field197 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v167, i64* %field197
  %field198 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field198
  %field199 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v163, i64* %field199
  br label %exit194
exit194:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok190:
  %term200 = mul i64 %k187, %v165
  %off201 = add i64 %off184, %term200
  %byte202 = getelementptr inbounds i8, i8* %v161, i64 %off201
  %elem203 = bitcast i8* %byte202 to double*
  %ld204 = load double, double* %elem203
  %v205 = load double, double* %slot27
  %call206 = call double @lerp_1(double %ld160, double %ld204, double %v205, i64* %err)
  %neg207 = icmp slt i64 %v115, 0
  %wrap208 = add i64 %v115, %v111
  %k209 = select i1 %neg207, i64 %wrap208, i64 %v115
  %oob210 = icmp uge i64 %k209, %v111
  br i1 %oob210, label %fail211, label %ok212, !prof !{!"branch_weights", i32 1, i32 2000}
fail211:
  %claim213 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won214 = extractvalue { i64, i1 } %claim213, 1
  br i1 %won214, label %record215, label %exit216
record215:
  %field217 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field217
  %field218 = getelementptr i64, i64* %err, i64 2
  store volatile i64 313, i64* %field218
  %field219 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v115, i64* %field219
  %field220 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field220
  %field221 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v111, i64* %field221
  br label %exit216
exit216:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok212:
  %term222 = mul i64 %k209, %v113
  %off223 = add i64 0, %term222
  %neg224 = icmp slt i64 %v116, 0
  %wrap225 = add i64 %v116, %v112
  %k226 = select i1 %neg224, i64 %wrap225, i64 %v116
  %oob227 = icmp uge i64 %k226, %v112
  br i1 %oob227, label %fail228, label %ok229, !prof !{!"branch_weights", i32 1, i32 2000}
fail228:
  %claim230 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won231 = extractvalue { i64, i1 } %claim230, 1
  br i1 %won231, label %record232, label %exit233
record232:
  %field234 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field234
  %field235 = getelementptr i64, i64* %err, i64 2
  store volatile i64 313, i64* %field235
  %field236 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v116, i64* %field236
  %field237 = getelementptr i64, i64* %err, i64 4
  store volatile i64 1, i64* %field237
  %field238 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v112, i64* %field238
  br label %exit233
exit233:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok229:
  %term239 = mul i64 %k226, %v114
  %off240 = add i64 %off223, %term239
  %byte241 = getelementptr inbounds i8, i8* %v110, i64 %off240
  %elem242 = bitcast i8* %byte241 to double*
  store double %call206, double* %elem242
  br label %endif109
else108:
  br label %endif109
endif109:
  ret void
}

define internal double @lerp_1(double %arg7, double %arg8, double %arg9, i64* %err) {
entry:
  %slot1 = alloca double
  %slot2 = alloca double
  %slot3 = alloca double
  %slot4 = alloca double
  %slot5 = alloca double
  %slot6 = alloca double
  store double %arg7, double* %slot1
  store double %arg8, double* %slot2
  store double %arg9, double* %slot3
  br label %body
body:
  %v10 = load double, double* %slot1
  store double %v10, double* %slot4
  %v11 = load double, double* %slot2
  store double %v11, double* %slot5
  %v12 = load double, double* %slot3
  store double %v12, double* %slot6
  %v13 = load double, double* %slot4
  %v14 = load double, double* %slot5
  %v15 = load double, double* %slot4
  %sub16 = fsub double %v14, %v15
  %v17 = load double, double* %slot6
  %mul18 = fmul double %sub16, %v17
  %add19 = fadd double %v13, %mul18
  ret double %add19
}

declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.y()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.y()
declare void @llvm.nvvm.membar.gl()

!nvvm.annotations = !{!0}
!0 = !{void (i8*, i64, i64, i64, i64, i8*, i64, i64, i64, i64, double, i8*, i64, i64, i64, i64, i64*)* @blend_0, !"kernel", i32 1}

