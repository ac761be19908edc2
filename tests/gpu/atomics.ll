; atomics(float64[:], int32[:], float64[:], float64[:], int64[:])
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"


define void @atomics_0(i8* %arg33, i64 %arg34, i64 %arg35, i8* %arg36, i64 %arg37, i64 %arg38, i8* %arg39, i64 %arg40, i64 %arg41, i8* %arg42, i64 %arg43, i64 %arg44, i8* %arg45, i64 %arg46, i64 %arg47, i64* %err) {
entry:
  %slot1 = alloca i8*
  %slot2 = alloca i64
  %slot3 = alloca i64
  %slot4 = alloca i8*
  %slot5 = alloca i64
  %slot6 = alloca i64
  %slot7 = alloca i8*
  %slot8 = alloca i64
  %slot9 = alloca i64
  %slot10 = alloca i8*
  %slot11 = alloca i64
  %slot12 = alloca i64
  %slot13 = alloca i8*
  %slot14 = alloca i64
  %slot15 = alloca i64
  %slot16 = alloca i8*
  %slot17 = alloca i64
  %slot18 = alloca i64
  %slot19 = alloca i8*
  %slot20 = alloca i64
  %slot21 = alloca i64
  %slot22 = alloca i8*
  %slot23 = alloca i64
  %slot24 = alloca i64
  %slot25 = alloca i8*
  %slot26 = alloca i64
  %slot27 = alloca i64
  %slot28 = alloca i8*
  %slot29 = alloca i64
  %slot30 = alloca i64
  %slot31 = alloca i64
  %slot32 = alloca double
  %cur197 = alloca i64
  %cur233 = alloca i64
  store i8* %arg33, i8** %slot1
  store i64 %arg34, i64* %slot2
  store i64 %arg35, i64* %slot3
  store i8* %arg36, i8** %slot4
  store i64 %arg37, i64* %slot5
  store i64 %arg38, i64* %slot6
  store i8* %arg39, i8** %slot7
  store i64 %arg40, i64* %slot8
  store i64 %arg41, i64* %slot9
  store i8* %arg42, i8** %slot10
  store i64 %arg43, i64* %slot11
  store i64 %arg44, i64* %slot12
  store i8* %arg45, i8** %slot13
  store i64 %arg46, i64* %slot14
  store i64 %arg47, i64* %slot15
  br label %body
body:
  %v48 = load i8*, i8** %slot1
  %v49 = load i64, i64* %slot2
  %v50 = load i64, i64* %slot3
  store i8* %v48, i8** %slot16
  store i64 %v49, i64* %slot17
  store i64 %v50, i64* %slot18
  %v51 = load i8*, i8** %slot4
  %v52 = load i64, i64* %slot5
  %v53 = load i64, i64* %slot6
  store i8* %v51, i8** %slot19
  store i64 %v52, i64* %slot20
  store i64 %v53, i64* %slot21
  %v54 = load i8*, i8** %slot7
  %v55 = load i64, i64* %slot8
  %v56 = load i64, i64* %slot9
  store i8* %v54, i8** %slot22
  store i64 %v55, i64* %slot23
  store i64 %v56, i64* %slot24
  %v57 = load i8*, i8** %slot10
  %v58 = load i64, i64* %slot11
  %v59 = load i64, i64* %slot12
  store i8* %v57, i8** %slot25
  store i64 %v58, i64* %slot26
  store i64 %v59, i64* %slot27
  %v60 = load i8*, i8** %slot13
  %v61 = load i64, i64* %slot14
  %v62 = load i64, i64* %slot15
  store i8* %v60, i8** %slot28
  store i64 %v61, i64* %slot29
  store i64 %v62, i64* %slot30
  %sreg63 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %idx64 = zext i32 %sreg63 to i64
  %sreg65 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %idx66 = zext i32 %sreg65 to i64
  %mul67 = mul i64 %idx64, %idx66
  %sreg68 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %idx69 = zext i32 %sreg68 to i64
  %add70 = add i64 %mul67, %idx69
  store i64 %add70, i64* %slot31
  %v71 = load i64, i64* %slot31
  %v72 = load i8*, i8** %slot16
  %v73 = load i64, i64* %slot17
  %v74 = load i64, i64* %slot18
  %cmp75 = icmp slt i64 %v71, %v73
  br i1 %cmp75, label %then76, label %else77
then76:
  %v79 = load i8*, i8** %slot16
  %v80 = load i64, i64* %slot17
  %v81 = load i64, i64* %slot18
  %v82 = load i64, i64* %slot31
  %neg83 = icmp slt i64 %v82, 0
  %wrap84 = add i64 %v82, %v80
  %k85 = select i1 %neg83, i64 %wrap84, i64 %v82
  %oob86 = icmp uge i64 %k85, %v80
  br i1 %oob86, label %fail87, label %ok88, !prof !{!"branch_weights", i32 1, i32 2000}
fail87:
  %claim89 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won90 = extractvalue { i64, i1 } %claim89, 1
  br i1 %won90, label %record91, label %exit92
record91:
  %field93 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field93
  %field94 = getelementptr i64, i64* %err, i64 2
  store volatile i64 254, i64* %field94
  %field95 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v82, i64* %field95
  %field96 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field96
  %field97 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v80, i64* %field97
  br label %exit92
exit92:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok88:
  %term98 = mul i64 %k85, %v81
  %off99 = add i64 0, %term98
  %byte100 = getelementptr inbounds i8, i8* %v79, i64 %off99
  %elem101 = bitcast i8* %byte100 to double*
  %ld102 = load double, double* %elem101
  store double %ld102, double* %slot32
  %v103 = load i8*, i8** %slot19
  %v104 = load i64, i64* %slot20
  %v105 = load i64, i64* %slot21
  %v106 = load i64, i64* %slot31
  %zero107 = icmp eq i64 4, 0
  br i1 %zero107, label %fail108, label %ok109, !prof !{!"branch_weights", i32 1, i32 2000}
fail108:
  %claim110 = cmpxchg i64* %err, i64 0, i64 3 seq_cst seq_cst
  %won111 = extractvalue { i64, i1 } %claim110, 1
  br i1 %won111, label %record112, label %exit113
record112:
  %field114 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field114
  %field115 = getelementptr i64, i64* %err, i64 2
  store volatile i64 296, i64* %field115
  br label %exit113
exit113:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok109:
  %q116 = sdiv i64 %v106, 4
  %r117 = srem i64 %v106, 4
  %nz118 = icmp ne i64 %r117, 0
  %x119 = xor i64 %r117, 4
  %opp120 = icmp slt i64 %x119, 0
  %adj121 = and i1 %nz118, %opp120
  %r122 = add i64 %r117, 4
  %mod123 = select i1 %adj121, i64 %r122, i64 %r117
  %neg124 = icmp slt i64 %mod123, 0
  %wrap125 = add i64 %mod123, %v104
  %k126 = select i1 %neg124, i64 %wrap125, i64 %mod123
  %oob127 = icmp uge i64 %k126, %v104
  br i1 %oob127, label %fail128, label %ok129, !prof !{!"branch_weights", i32 1, i32 2000}
fail128:
  %claim130 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won131 = extractvalue { i64, i1 } %claim130, 1
  br i1 %won131, label %record132, label %exit133
record132:
  %field134 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field134
  %field135 = getelementptr i64, i64* %err, i64 2
  store volatile i64 272, i64* %field135
  %field136 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %mod123, i64* %field136
  %field137 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field137
  %field138 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v104, i64* %field138
  br label %exit133
exit133:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok129:
  %term139 = mul i64 %k126, %v105
  %off140 = add i64 0, %term139
  %byte141 = getelementptr inbounds i8, i8* %v103, i64 %off140
  %elem142 = bitcast i8* %byte141 to i32*
  %t143 = trunc i64 1 to i32
  %old144 = atomicrmw add i32* %elem142, i32 %t143 seq_cst
  %s145 = sext i32 %old144 to i64
  %v146 = load i8*, i8** %slot22
  %v147 = load i64, i64* %slot23
  %v148 = load i64, i64* %slot24
  %v149 = load double, double* %slot32
  %neg150 = icmp slt i64 0, 0
  %wrap151 = add i64 0, %v147
  %k152 = select i1 %neg150, i64 %wrap151, i64 0
  %oob153 = icmp uge i64 %k152, %v147
  br i1 %oob153, label %fail154, label %ok155, !prof !{!"branch_weights", i32 1, i32 2000}
fail154:
  %claim156 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won157 = extractvalue { i64, i1 } %claim156, 1
  br i1 %won157, label %record158, label %exit159
record158:
  %field160 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field160
  %field161 = getelementptr i64, i64* %err, i64 2
  store volatile i64 314, i64* %field161
  %field162 = getelementptr i64, i64* %err, i64 3
  store volatile i64 0, i64* %field162
  %field163 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field163
  %field164 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v147, i64* %field164
  br label %exit159
exit159:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok155:
  %term165 = mul i64 %k152, %v148
  %off166 = add i64 0, %term165
  %byte167 = getelementptr inbounds i8, i8* %v146, i64 %off166
  %elem168 = bitcast i8* %byte167 to double*
  %old169 = atomicrmw fadd double* %elem168, double %v149 seq_cst
  %v170 = load i8*, i8** %slot25
  %v171 = load i64, i64* %slot26
  %v172 = load i64, i64* %slot27
  %v173 = load double, double* %slot32
  %neg174 = icmp slt i64 0, 0
  %wrap175 = add i64 0, %v171
  %k176 = select i1 %neg174, i64 %wrap175, i64 0
  %oob177 = icmp uge i64 %k176, %v171
  br i1 %oob177, label %fail178, label %ok179, !prof !{!"branch_weights", i32 1, i32 2000}
fail178:
  %claim180 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won181 = extractvalue { i64, i1 } %claim180, 1
  br i1 %won181, label %record182, label %exit183
record182:
  %field184 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field184
  %field185 = getelementptr i64, i64* %err, i64 2
  store volatile i64 351, i64* %field185
  %field186 = getelementptr i64, i64* %err, i64 3
  store volatile i64 0, i64* %field186
  %field187 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field187
  %field188 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v171, i64* %field188
  br label %exit183
exit183:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok179:
  %term189 = mul i64 %k176, %v172
  %off190 = add i64 0, %term189
  %byte191 = getelementptr inbounds i8, i8* %v170, i64 %off190
  %elem192 = bitcast i8* %byte191 to double*
  %ip193 = bitcast double* %elem192 to i64*
  %cur194 = load volatile i64, i64* %ip193
  store i64 %cur194, i64* %cur197
  br label %casloop195
casloop195:
  %bits198 = load i64, i64* %cur197
  %f199 = bitcast i64 %bits198 to double
  %m200 = call double @llvm.maxnum.f64(double %f199, double %v173)
  %mb201 = bitcast double %m200 to i64
  %cas202 = cmpxchg i64* %ip193, i64 %bits198, i64 %mb201 seq_cst seq_cst
  %seen203 = extractvalue { i64, i1 } %cas202, 0
  %ok204 = extractvalue { i64, i1 } %cas202, 1
  store i64 %seen203, i64* %cur197
  br i1 %ok204, label %casdone196, label %casloop195
casdone196:
  %old205 = bitcast i64 %bits198 to double
  %v206 = load i8*, i8** %slot25
  %v207 = load i64, i64* %slot26
  %v208 = load i64, i64* %slot27
  %v209 = load double, double* %slot32
  %neg210 = icmp slt i64 1, 0
  %wrap211 = add i64 1, %v207
  %k212 = select i1 %neg210, i64 %wrap211, i64 1
  %oob213 = icmp uge i64 %k212, %v207
  br i1 %oob213, label %fail214, label %ok215, !prof !{!"branch_weights", i32 1, i32 2000}
fail214:
  %claim216 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won217 = extractvalue { i64, i1 } %claim216, 1
  br i1 %won217, label %record218, label %exit219
record218:
  %field220 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field220
  %field221 = getelementptr i64, i64* %err, i64 2
  store volatile i64 391, i64* %field221
  %field222 = getelementptr i64, i64* %err, i64 3
  store volatile i64 1, i64* %field222
  %field223 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field223
  %field224 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v207, i64* %field224
  br label %exit219
exit219:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok215:
  %term225 = mul i64 %k212, %v208
  %off226 = add i64 0, %term225
  %byte227 = getelementptr inbounds i8, i8* %v206, i64 %off226
  %elem228 = bitcast i8* %byte227 to double*
  %ip229 = bitcast double* %elem228 to i64*
  %cur230 = load volatile i64, i64* %ip229
  store i64 %cur230, i64* %cur233
  br label %casloop231
casloop231:
  %bits234 = load i64, i64* %cur233
  %f235 = bitcast i64 %bits234 to double
  %m236 = call double @llvm.minnum.f64(double %f235, double %v209)
  %mb237 = bitcast double %m236 to i64
  %cas238 = cmpxchg i64* %ip229, i64 %bits234, i64 %mb237 seq_cst seq_cst
  %seen239 = extractvalue { i64, i1 } %cas238, 0
  %ok240 = extractvalue { i64, i1 } %cas238, 1
  store i64 %seen239, i64* %cur233
  br i1 %ok240, label %casdone232, label %casloop231
casdone232:
  %old241 = bitcast i64 %bits234 to double
  %v242 = load i8*, i8** %slot28
  %v243 = load i64, i64* %slot29
  %v244 = load i64, i64* %slot30
  %v245 = load i64, i64* %slot31
  %add246 = add i64 %v245, 1
  %neg247 = icmp slt i64 0, 0
  %wrap248 = add i64 0, %v243
  %k249 = select i1 %neg247, i64 %wrap248, i64 0
  %oob250 = icmp uge i64 %k249, %v243
  br i1 %oob250, label %fail251, label %ok252, !prof !{!"branch_weights", i32 1, i32 2000}
fail251:
  %claim253 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won254 = extractvalue { i64, i1 } %claim253, 1
  br i1 %won254, label %record255, label %exit256
record255:
  %field257 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field257
  %field258 = getelementptr i64, i64* %err, i64 2
  store volatile i64 431, i64* %field258
  %field259 = getelementptr i64, i64* %err, i64 3
  store volatile i64 0, i64* %field259
  %field260 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field260
  %field261 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v243, i64* %field261
  br label %exit256
exit256:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok252:
  %term262 = mul i64 %k249, %v244
  %off263 = add i64 0, %term262
  %byte264 = getelementptr inbounds i8, i8* %v242, i64 %off263
  %elem265 = bitcast i8* %byte264 to i64*
  %cas266 = cmpxchg i64* %elem265, i64 0, i64 %add246 seq_cst seq_cst
  %old267 = extractvalue { i64, i1 } %cas266, 0
  br label %endif78
else77:
  br label %endif78
endif78:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.membar.gl()
declare double @llvm.maxnum.f64(double, double)
declare double @llvm.minnum.f64(double, double)

!nvvm.annotations = !{!0}
!0 = !{void (i8*, i64, i64, i8*, i64, i64, i8*, i64, i64, i8*, i64, i64, i8*, i64, i64, i64*)* @atomics_0, !"kernel", i32 1}

